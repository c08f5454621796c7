package io.vmpool.storage.lvm.internal;

import io.vmpool.api.lock.LockService;
import io.vmpool.api.storage.PoolInitializer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code storage:init lvm <device> <vg> --volumes N}: a PV with a metadata area sized for N volumes
 * and a VG on it ({@link VolumeGroupInit}). Its lvm settings (command, --config, timeout, bytes per
 * volume, margin) come from PID {@value #PID}, with the pool's keys and defaults; a pool on the new VG
 * is then configured as usual (etc/io.vmpool.storage.lvm-&lt;name&gt;.cfg).
 */
@Component(service = PoolInitializer.class, configurationPid = LvmPoolInitializer.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = PoolInitializer.KIND_PROPERTY + "=lvm")
@Designate(ocd = LvmStorageConfig.class)
public final class LvmPoolInitializer implements PoolInitializer {
    static final String PID = "io.vmpool.storage.lvm.init";

    private final VolumeGroupInit init;

    @Activate
    public LvmPoolInitializer(@Reference LockService locks, LvmStorageConfig config) {
        this.init = new VolumeGroupInit(config, locks);
    }

    @Override
    public String kind() {
        return "lvm";
    }

    @Override
    public String initialize(String device, String name, int targetVolumes) {
        long area = init.init(device, name, targetVolumes);
        return "created physical volume " + device + " with a " + area + "-byte metadata area (room for about "
                + targetVolumes + " volumes) and volume group " + name + " on it; configure a pool on it in "
                + "etc/" + LvmStorageConfig.PID + "-" + name + ".cfg (volumeGroup = " + name + ")";
    }
}
