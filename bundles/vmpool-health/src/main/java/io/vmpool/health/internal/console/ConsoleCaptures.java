package io.vmpool.health.internal.console;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.health.ConsoleService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Every captured console by host, for {@code host:console <host> --tail N} and REST. */
@Component(service = {ConsoleCaptures.class, ConsoleService.class})
public final class ConsoleCaptures implements ConsoleService {
    private final Map<String, ConsoleCapture> byHost = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, name = "captures", unbind = "removeCapture")
    public void addCapture(ConsoleCapture capture) {
        byHost.put(capture.host(), capture);
    }

    public void removeCapture(ConsoleCapture capture) {
        byHost.remove(capture.host(), capture);
    }

    /** The hosts whose consoles are captured, by name. */
    @Override
    public List<String> hosts() {
        return byHost.keySet().stream().sorted().toList();
    }

    /** The last {@code lines} lines of the host's console, oldest first. */
    @Override
    public List<String> tail(String host, int lines) {
        if (lines < 1) {
            throw new InvalidRequestException("tail", ">= 1", "--tail must be at least 1, was " + lines);
        }
        ConsoleCapture capture = byHost.get(host);
        if (capture == null) {
            throw new NotFoundException("no console is captured for host " + host + " (one " + ConsoleConfig.PID
                    + "-<host>.cfg per host); captured: " + hosts());
        }
        return capture.tail(lines);
    }
}
