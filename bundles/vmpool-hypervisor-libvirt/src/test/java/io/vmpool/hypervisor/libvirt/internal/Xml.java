package io.vmpool.hypervisor.libvirt.internal;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Parses domain XML in tests and answers XPath questions about it. */
final class Xml {

    private final Document doc;

    private Xml(Document doc) {
        this.doc = doc;
    }

    static Xml parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            return new Xml(factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    Element root() {
        return doc.getDocumentElement();
    }

    String text(String xpath) {
        return element(xpath).getTextContent();
    }

    String attr(String xpath, String name) {
        return element(xpath).getAttribute(name);
    }

    Element element(String xpath) {
        List<Element> found = elements(xpath);
        if (found.size() != 1) {
            throw new AssertionError(xpath + " matched " + found.size() + " elements");
        }
        return found.get(0);
    }

    /** Elements matching an XPath that uses local names (namespaces ignored). */
    List<Element> elements(String xpath) {
        try {
            NodeList nodes = (NodeList) XPathFactory.newDefaultInstance().newXPath()
                    .evaluate(xpath, doc, XPathConstants.NODESET);
            List<Element> result = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                result.add((Element) nodes.item(i));
            }
            return result;
        } catch (Exception e) {
            throw new AssertionError("bad XPath " + xpath, e);
        }
    }
}
