package io.vmpool.hypervisor.libvirt.internal;

import io.vmpool.api.hypervisor.DiskSpec;
import io.vmpool.api.hypervisor.DomainSpec;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds libvirt domain XML from a {@link DomainSpec} through the JDK's DOM, so every name, path and
 * label is escaped by the serializer rather than pasted into markup.
 */
final class DomainXml {

    /** Namespace of vmpool's element in a domain's {@code <metadata>}. */
    static final String METADATA_NS = "https://vmpool.io/xmlns/machine/1.0";
    static final String METADATA_PREFIX = "vmpool";
    private static final Set<String> X86 = Set.of("x86_64", "i686");

    private final String domainType;
    private final String arch;
    private final String machine;

    /**
     * @param domainType {@code <domain type=...>}: {@code test}, {@code kvm} or {@code qemu}
     * @param arch       {@code <os><type arch=...>}
     * @param machine    {@code <os><type machine=...>}, or empty for the emulator's default
     */
    DomainXml(String domainType, String arch, String machine) {
        this.domainType = requireText(domainType, "domain type");
        this.arch = requireText(arch, "arch");
        this.machine = machine == null ? "" : machine.strip();
    }

    /** The domain XML for {@code spec}. */
    String toXml(DomainSpec spec) {
        Document doc = newDocument();
        Element domain = doc.createElement("domain");
        domain.setAttribute("type", domainType);
        doc.appendChild(domain);

        child(domain, "name").setTextContent(XmlText.checked(spec.name(), "name"));
        child(domain, "uuid").setTextContent(spec.uuid().toString());
        metadata(domain, spec.labels());
        Element memory = child(domain, "memory");
        memory.setAttribute("unit", "KiB");
        memory.setTextContent(Long.toString(Math.multiplyExact(spec.memoryMiB(), 1024L)));
        child(domain, "vcpu").setTextContent(Integer.toString(spec.vcpus()));

        Element type = child(child(domain, "os"), "type");
        type.setAttribute("arch", arch);
        if (!machine.isEmpty()) {
            type.setAttribute("machine", machine);
        }
        type.setTextContent("hvm");
        if (X86.contains(arch)) {
            // ACPI gives a QEMU guest the power button that shutdown() presses. Only on x86: on
            // aarch64, for one, libvirt accepts ACPI only with UEFI firmware.
            Element features = child(domain, "features");
            child(features, "acpi");
            child(features, "apic");
        }

        Element devices = child(domain, "devices");
        for (DiskSpec disk : spec.disks()) {
            disk(devices, disk);
        }
        if (spec.consoleLogPath() != null) {
            Element serial = child(devices, "serial");
            serial.setAttribute("type", "pty");
            Element log = child(serial, "log");
            log.setAttribute("file", XmlText.checked(spec.consoleLogPath(), "console log path"));
            log.setAttribute("append", "on");
            child(devices, "console").setAttribute("type", "pty");
        }
        return serialize(doc);
    }

    private static void metadata(Element domain, Map<String, String> labels) {
        Document doc = domain.getOwnerDocument();
        Element machine = doc.createElementNS(METADATA_NS, METADATA_PREFIX + ":machine");
        machine.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + METADATA_PREFIX, METADATA_NS);
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            Element element = doc.createElementNS(METADATA_NS, METADATA_PREFIX + ":label");
            element.setAttribute("name", XmlText.checked(label.getKey(), "label name"));
            element.setTextContent(XmlText.checked(label.getValue(), "label '" + label.getKey() + "'"));
            machine.appendChild(element);
        }
        child(domain, "metadata").appendChild(machine);
    }

    private static void disk(Element devices, DiskSpec spec) {
        boolean file = spec.kind() == DiskSpec.Kind.FILE;
        Element disk = child(devices, "disk");
        disk.setAttribute("type", file ? "file" : "block");
        disk.setAttribute("device", "disk");
        Element driver = child(disk, "driver");
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", "raw");
        child(disk, "source").setAttribute(file ? "file" : "dev", XmlText.checked(spec.sourcePath(), "disk source"));
        Element target = child(disk, "target");
        target.setAttribute("dev", XmlText.checked(spec.targetDevice(), "disk target"));
        target.setAttribute("bus", "virtio");
    }

    private static Element child(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElement(name);
        parent.appendChild(element);
        return element;
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return value.strip();
    }

    private static Document newDocument() {
        try {
            // newDefaultInstance: the JDK's own implementation, whatever the OSGi context class loader finds
            return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's DOM is not usable: " + e.getMessage(), e);
        }
    }

    private static String serialize(Document doc) {
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("could not write domain XML: " + e.getMessage(), e);
        }
    }
}
