package io.vmpool.hypervisor.libvirt.internal;

import org.libvirt.Error;
import org.libvirt.LibvirtException;

/** Reads what libvirt said out of a {@link LibvirtException}. */
final class LibvirtErrors {

    private LibvirtErrors() {
    }

    /** libvirt's own message, e.g. {@code Domain not found: no domain with matching name 'web1'}. */
    static String message(LibvirtException e) {
        Error error = e.getError();
        String message = error == null ? e.getMessage() : error.getMessage();
        return message == null || message.isBlank() ? "libvirt gave no message (" + code(e) + ")" : message;
    }

    /** True when libvirt says there is no such domain (VIR_ERR_NO_DOMAIN). */
    static boolean isNoDomain(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN;
    }

    private static String code(LibvirtException e) {
        return e.getError() == null ? "no error code" : String.valueOf(e.getError().getCode());
    }
}
