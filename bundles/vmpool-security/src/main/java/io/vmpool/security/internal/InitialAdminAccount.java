package io.vmpool.security.internal;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.apache.karaf.jaas.modules.BackingEngineService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On activation makes sure the JAAS realm has a vmpool administrator, creating the initial one if needed. It
 * edits accounts the way Karaf's {@code jaas:*} commands do: the realm's properties-login-module entry, and a
 * {@link BackingEngine} built for it by the matching {@link BackingEngineFactory} service. The references are
 * static and greedy, so a realm or factory that appears later re-activates it and the check runs again.
 */
@Component(service = {}, immediate = true, configurationPid = SecurityConfiguration.PID)
@Designate(ocd = SecurityConfiguration.class)
public class InitialAdminAccount {
    private static final Logger LOG = LoggerFactory.getLogger(InitialAdminAccount.class);

    private final Optional<InitialAdminSetup.Outcome> outcome;

    @Activate
    public InitialAdminAccount(
            BundleContext context,
            @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policyOption = ReferencePolicyOption.GREEDY)
            List<JaasRealm> realms,
            @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policyOption = ReferencePolicyOption.GREEDY)
            List<BackingEngineFactory> engineFactories,
            SecurityConfiguration config) {
        this(realms, engineFactories, AdminSettings.of(config, context::getProperty), new SecureRandom());
    }

    InitialAdminAccount(List<JaasRealm> realms, List<BackingEngineFactory> engineFactories, AdminSettings settings,
            SecureRandom random) {
        Optional<AppConfigurationEntry> entry = RealmEntries.propertiesEntry(List.copyOf(realms), settings.realm());
        if (entry.isEmpty()) {
            LOG.info("JAAS realm '{}' with a properties login module is not registered (yet); the initial "
                    + "administrator check runs when it appears (realm is set in {})", settings.realm(),
                    SecurityConfiguration.PID);
            this.outcome = Optional.empty();
            return;
        }
        BackingEngineService engineService = new BackingEngineService();
        engineService.setEngineFactories(List.copyOf(engineFactories));
        if (engineService.get(entry.get()) == null) {
            LOG.info("No backing engine for the properties login module of realm '{}' is registered (yet); the "
                    + "initial administrator check runs when one appears", settings.realm());
            this.outcome = Optional.empty();
            return;
        }
        Supplier<BackingEngine> engines = () -> engineService.get(entry.get());
        this.outcome = Optional.of(new InitialAdminSetup(engines, settings, new PasswordGenerator(random)).run());
    }

    /** What activation did; empty when the realm or its engine was not there yet. */
    Optional<InitialAdminSetup.Outcome> outcome() {
        return outcome;
    }
}
