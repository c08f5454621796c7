package io.vmpool.rest.internal;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.host.AdmissionRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The body of {@code POST /hosts}: name and uri required; reservedMemoryMiB, the probe sources (edacRoot,
 * dmidecode, settings: paths on the vmpool server) and the checks accepted as failing are optional.
 */
record AddHostRequest(String name, String uri, Long reservedMemoryMiB, String edacRoot, String dmidecode, String settings,
        List<String> accept) {

    AdmissionRequest toRequest() {
        for (String[] f : new String[][] {{"name", name}, {"uri", uri}}) {
            if (f[1] == null) {
                throw new InvalidRequestException(f[0], "required", "The request body has no '" + f[0]
                        + "': POST /hosts needs name and uri");
            }
        }
        Map<String, String> sources = new HashMap<>();
        put(sources, AdmissionRequest.EDAC_ROOT, edacRoot);
        put(sources, AdmissionRequest.DMIDECODE, dmidecode);
        put(sources, AdmissionRequest.SETTINGS, settings);
        return new AdmissionRequest(name, uri, reservedMemoryMiB == null ? OptionalLong.empty()
                : OptionalLong.of(reservedMemoryMiB), sources, accept == null ? Set.of() : Set.copyOf(accept));
    }

    private static void put(Map<String, String> sources, String key, String value) {
        if (value != null) {
            sources.put(key, value);
        }
    }
}
