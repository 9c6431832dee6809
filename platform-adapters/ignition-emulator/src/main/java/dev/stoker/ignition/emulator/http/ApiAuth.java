package dev.stoker.ignition.emulator.http;

import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.config.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Checks {@code X-Ignition-API-Token: name:secret}: missing is 401, unknown or insufficient is 403. */
final class ApiAuth {

    static final String HEADER = "X-Ignition-API-Token";

    private final List<ApiKey> keys;
    private final boolean allowedOverHttp;

    ApiAuth(List<ApiKey> keys, boolean allowedOverHttp) {
        this.keys = keys;
        this.allowedOverHttp = allowedOverHttp;
    }

    void check(Call call, boolean write) {
        String token = call.header(HEADER).map(String::strip).orElse("");
        if (token.isEmpty()) {
            throw new ApiException(401, "missing " + HEADER + " header (name:secret of an API key)");
        }
        if (!allowedOverHttp) {
            throw new ApiException(403, "API keys are refused over plain HTTP on this gateway (EMULATOR_API_KEYS_OVER_HTTP=false)");
        }
        ApiKey key = keys.stream().filter(k -> sameToken(k.token(), token)).findFirst()
                .orElseThrow(() -> new ApiException(403, "invalid API token"));
        if (write && !key.canWrite()) {
            throw new ApiException(403, "API key '" + key.name() + "' may only read");
        }
    }

    /** Constant-time comparison so response timing does not reveal how much of a secret matched. */
    private static boolean sameToken(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
