package io.vmpool.api.placement;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The hosts of a {@link PlacementDecision} as an immutable list whose {@link HostAssessment}s are made when
 * read: a scheduler that has judged thousands of hosts keeps what it found compactly and puts it in records
 * and words only for the hosts someone reads. Reading an element twice gives equal assessments.
 * A decision keeps such a list as it is; any other list it copies.
 */
public abstract class Assessments extends AbstractList<HostAssessment> implements RandomAccess {

    protected Assessments() {
    }
}
