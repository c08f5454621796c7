package io.vmpool.api.lock;

/** Exclusive (one holder) or shared (many readers, no exclusive holder). */
public enum LockMode { EXCLUSIVE, SHARED }
