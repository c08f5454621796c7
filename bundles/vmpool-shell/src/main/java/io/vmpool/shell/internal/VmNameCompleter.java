package io.vmpool.shell.internal;

import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the machines the shell user may see. */
@Service
public class VmNameCompleter implements Completer {

    @Reference
    MachineService machines;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        try {
            for (Machine m : machines.list(ShellCaller.current())) {
                names.getStrings().add(m.name());
            }
        } catch (RuntimeException e) {
            return -1; // no completion rather than an error in the middle of typing
        }
        return names.complete(session, commandLine, candidates);
    }
}
