package io.vmpool.rest.internal;

/** The door's settings as plain values, so tests and the component build the endpoint the same way. */
record RestSettings(String address, String realm, long maxBodyBytes, int defaultEventLimit, int maxEventLimit) {

    RestSettings {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("address is empty; set it in " + RestConfiguration.PID);
        }
        if (realm == null || realm.isBlank()) {
            throw new IllegalArgumentException("realm is empty; set it in " + RestConfiguration.PID);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException(
                    "maxBodyBytes must be >= 1, is " + maxBodyBytes + "; set it in " + RestConfiguration.PID);
        }
        if (defaultEventLimit < 1 || defaultEventLimit > maxEventLimit) {
            throw new IllegalArgumentException("defaultEventLimit must be between 1 and maxEventLimit ("
                    + maxEventLimit + "), is " + defaultEventLimit + "; set it in " + RestConfiguration.PID);
        }
    }

    static RestSettings of(RestConfiguration config) {
        return new RestSettings(config.address(), config.realm(), config.maxBodyBytes(),
                config.defaultEventLimit(), config.maxEventLimit());
    }
}
