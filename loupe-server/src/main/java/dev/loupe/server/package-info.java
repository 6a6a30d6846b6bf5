/**
 * The web server (Javalin over Jetty): the JSON API over a project's store, thumbnails and image files (only
 * inside the images folder), the web app's static files, several projects under {@code /p/NAME/}, and the job
 * endpoint the CLI hands commands to. Binds to 127.0.0.1 unless told otherwise; state-changing requests must come
 * from the app's own origin ({@link dev.loupe.server.SameOriginRule}); every error is {@code {error, detail}} JSON.
 */
package dev.loupe.server;
