package io.vmpool.health.internal.edac;

/** Names one DIMM (or rank, or csrow channel) on a host: its memory controller ("mc0") and its entry ("dimm3"). */
public record DimmId(String controller, String dimm) {
    @Override
    public String toString() {
        return controller + "/" + dimm;
    }
}
