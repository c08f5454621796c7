package io.vmpool.hypervisor.libvirt.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A host's fingerprint facts as libvirt reports them (docs/admission.md): versions, the capabilities'
 * host CPU, and, where the driver has it (qemu: libvirtd runs dmidecode on the host), the SMBIOS
 * sysinfo under the same keys the dmidecode parser of vmpool-health writes.
 */
final class HostFacts {
    private HostFacts() {
    }

    /** libvirt's version numbers: major * 1,000,000 + minor * 1,000 + release. */
    static String version(long encoded) {
        return (encoded / 1_000_000) + "." + (encoded / 1_000 % 1_000) + "." + (encoded % 1_000);
    }

    /** cpu.arch, cpu.model, cpu.vendor and cpu.sockets/cores/threads from {@code virConnectGetCapabilities}. */
    static Map<String, String> capabilities(String xml) {
        Map<String, String> facts = new TreeMap<>();
        Element cpu = first(first(parse(xml).getDocumentElement(), "host"), "cpu");
        putText(facts, "cpu.arch", first(cpu, "arch"));
        putText(facts, "cpu.model", first(cpu, "model"));
        putText(facts, "cpu.vendor", first(cpu, "vendor"));
        Element topology = first(cpu, "topology");
        if (topology != null) {
            for (String attribute : new String[] {"sockets", "cores", "threads"}) {
                if (topology.hasAttribute(attribute)) {
                    facts.put("cpu." + attribute, topology.getAttribute(attribute));
                }
            }
        }
        return facts;
    }

    /** bios.*, system.*, board.* and memory.* from {@code virConnectGetSysinfo}'s SMBIOS document. */
    static Map<String, String> sysinfo(String xml) {
        Map<String, String> facts = new TreeMap<>();
        Element root = parse(xml).getDocumentElement();
        entries(first(root, "bios"), facts, "bios", Map.of("vendor", "vendor", "version", "version", "date", "date",
                "release", "revision"));
        entries(first(root, "system"), facts, "system", Map.of("manufacturer", "manufacturer", "product", "product",
                "version", "version"));
        entries(first(root, "baseBoard"), facts, "board", Map.of("manufacturer", "manufacturer", "product", "product",
                "version", "version"));
        entries(first(root, "processor"), facts, "cpu.dmi", Map.of("version", "version"));
        int dimms = 0;
        for (Element device : children(root, "memory_device")) {
            Map<String, String> entry = new TreeMap<>();
            entries(device, entry, "", Map.of("size", "size", "speed", "speed", "type", "type",
                    "manufacturer", "manufacturer", "part_number", "part", "locator", "locator"));
            String locator = entry.remove(".locator");
            String size = entry.get(".size");
            if (locator == null || size == null || size.startsWith("No Module")) {
                continue;
            }
            dimms++;
            entry.forEach((k, v) -> facts.put("memory." + locator + k, v));
        }
        if (dimms > 0) {
            facts.put("memory.dimms", Integer.toString(dimms));
        }
        return facts;
    }

    private static void entries(Element section, Map<String, String> facts, String prefix, Map<String, String> names) {
        for (Element entry : children(section, "entry")) {
            String key = names.get(entry.getAttribute("name"));
            String value = entry.getTextContent().strip();
            if (key != null && !value.isEmpty()) {
                facts.put(prefix + "." + key, value);
            }
        }
    }

    private static void putText(Map<String, String> facts, String key, Element element) {
        if (element != null && !element.getTextContent().isBlank()) {
            facts.put(key, element.getTextContent().strip());
        }
    }

    private static Element first(Element parent, String name) {
        var all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static java.util.List<Element> children(Element parent, String name) {
        java.util.List<Element> out = new java.util.ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("libvirt sent XML that does not parse: " + e.getMessage(), e);
        }
    }
}
