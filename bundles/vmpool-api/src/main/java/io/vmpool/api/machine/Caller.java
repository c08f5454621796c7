package io.vmpool.api.machine;

import java.util.Objects;
import java.util.Set;

/** Who is asking: the authenticated account name and its roles, as the front door learned them. */
public record Caller(String name, Set<String> roles) {
    public Caller {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    public static Caller of(String name, String... roles) {
        return new Caller(name, Set.of(roles));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
