package dev.loupe.server;

import dev.loupe.core.LoupeException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the server listens and who may call it. Loopback by default; any other address requires a
 * bearer token (at least 16 characters) so that a server reachable from the network is never open.
 *
 * @param host  address to bind
 * @param port  TCP port, 0 for any free one
 * @param token bearer token every /api call must present, or null (loopback only)
 */
public record ServerOptions(String host, int port, String token) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    static final int MIN_TOKEN_LENGTH = 16;

    public ServerOptions {
        host = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
        if (port < 0 || port > 65535) {
            throw LoupeException.badInput("--port must be between 0 and 65535, got " + port);
        }
        if (token != null && token.length() < MIN_TOKEN_LENGTH) {
            throw LoupeException.badInput("--token must be at least " + MIN_TOKEN_LENGTH + " characters");
        }
        if (token != null && !token.chars().allMatch(ch -> ch > 32 && ch < 127)) {
            throw LoupeException.badInput("--token must be printable ASCII without spaces");
        }
        if (!isLoopback(host) && token == null) {
            throw LoupeException.badInput("--host " + host + " is not a loopback address: the server would be reachable "
                    + "from the network, so --token is required (a secret of at least " + MIN_TOKEN_LENGTH + " characters)");
        }
    }

    /** Whether a host name or address is loopback only (127.0.0.0/8, ::1, localhost). 0.0.0.0 is not. */
    public static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw LoupeException.badInput("--host " + host + ": unknown host");
        }
    }
}
