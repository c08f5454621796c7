package io.vmpool.api.placement;

/** One filter a host failed ({@code maintenance}, {@code health}, {@code memory}, {@code n-plus-k}) and why, in words. */
public record FilterFailure(String filter, String reason) {
    @Override
    public String toString() {
        return filter + ": " + reason;
    }
}
