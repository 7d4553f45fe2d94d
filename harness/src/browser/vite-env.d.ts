// The browser side is bundled by Vite: `?url` and `?worker` imports are typed by its client declarations.
/// <reference types="vite/client" />
