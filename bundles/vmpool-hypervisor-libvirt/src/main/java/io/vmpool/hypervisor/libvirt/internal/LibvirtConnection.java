package io.vmpool.hypervisor.libvirt.internal;

import java.util.Arrays;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.CString;
import org.libvirt.jna.Libvirt;

/**
 * libvirt-java's {@link Connect} with domain listings that cannot drop a domain.
 *
 * <p>libvirt-java 0.5.2 lists by asking for the count and then for that many entries: a domain that
 * appears in between pushes another, long-standing one out of the answer (seen here with 8 threads on
 * one test driver connection). These methods use libvirt's own idiom instead: a buffer with room to
 * spare, grown until the answer no longer fills it, so one atomic libvirt call returns every entry.
 */
final class LibvirtConnection extends Connect {

    private static final int MIN_CAPACITY = 32;

    LibvirtConnection(String uri) throws LibvirtException {
        super(uri, false);
    }

    /** IDs of the active domains. */
    int[] activeDomainIds() throws LibvirtException {
        for (int capacity = capacity(numOfDomains()); ; capacity *= 2) {
            int[] ids = new int[capacity];
            int found = Libvirt.INSTANCE.virConnectListDomains(vcp, ids, capacity);
            if (found < 0) {
                return listDomains(); // fails again, with libvirt's error as a LibvirtException
            }
            if (found < capacity) {
                return Arrays.copyOf(ids, found);
            }
        }
    }

    /** Names of the defined domains that are not active. */
    String[] inactiveDomainNames() throws LibvirtException {
        for (int capacity = capacity(numOfDefinedDomains()); ; capacity *= 2) {
            CString[] names = new CString[capacity];
            int found = Libvirt.INSTANCE.virConnectListDefinedDomains(vcp, names, capacity);
            if (found < 0) {
                return listDefinedDomains(); // fails again, with libvirt's error as a LibvirtException
            }
            String[] result = new String[Math.min(found, capacity)];
            for (int i = 0; i < result.length; i++) {
                result[i] = names[i].toString(); // copies and frees libvirt's string
            }
            if (found < capacity) {
                return result;
            }
        }
    }

    private static int capacity(int count) {
        return Math.max(MIN_CAPACITY, count * 2);
    }
}
