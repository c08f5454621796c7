-- The last recorded fingerprint of each host (InventoryStore.putFingerprint, docs/admission.md): one row
-- per fact, all rows of a host replaced together.
CREATE TABLE host_fact (
    host       VARCHAR(255)             NOT NULL,
    fact_key   VARCHAR(255)             NOT NULL,
    fact_value VARCHAR(4000)            NOT NULL,
    taken_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (host, fact_key)
);
