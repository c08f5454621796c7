package io.vmpool.health.internal.mce;

/** One sub-field of a compound MCA error code: its SDM name (TT, LL, RRRR, ...), value and meaning. */
public record CodeField(String name, int value, String words) {
}
