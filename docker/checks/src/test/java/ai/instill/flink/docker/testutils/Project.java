package ai.instill.flink.docker.testutils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Facts about the project read from its poms, so that deployment files are checked against the
 * build rather than against a copy kept in a test.
 */
public record Project(Path root, String version, Map<String, String> properties) {

    /** The repository above the working folder, with the root pom's version and properties. */
    public static Project find() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docker/compose.yaml"))) {
            root = root.getParent();
            if (root == null) {
                throw new IllegalStateException("no repository root above the working folder");
            }
        }
        Document pom = pom(root.resolve("pom.xml"));
        return new Project(root, child(pom.getDocumentElement(), "version"), properties(pom));
    }

    /** The properties of the pom in {@code folder}, relative to the root. */
    public Map<String, String> properties(String folder) throws Exception {
        return properties(pom(root.resolve(folder).resolve("pom.xml")));
    }

    /** The file name of a module's shaded jar: {@code <artifactId>-<version>-<classifier>.jar}. */
    public String shadedJar(String module) throws Exception {
        return artifactId(module) + "-" + version + "-" + shadeClassifier(module) + ".jar";
    }

    /** The classifier of a module's shaded jar. */
    public String shadeClassifier(String module) throws Exception {
        return firstElement(module, "shadedClassifierName");
    }

    public String artifactId(String module) throws Exception {
        return child(
                pom(root.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId");
    }

    /** The main class in the manifest of a module's shaded jar. */
    public String mainClass(String module) throws Exception {
        return firstElement(module, "mainClass");
    }

    private String firstElement(String module, String tag) throws Exception {
        return pom(root.resolve(module).resolve("pom.xml"))
                .getElementsByTagName(tag)
                .item(0)
                .getTextContent()
                .strip();
    }

    private static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> properties = new HashMap<>();
        Node block = pom.getElementsByTagName("properties").item(0);
        for (Node node = block.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element) {
                properties.put(node.getNodeName(), node.getTextContent().strip());
            }
        }
        return Map.copyOf(properties);
    }

    private static String child(Element element, String name) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && node.getNodeName().equals(name)) {
                return node.getTextContent().strip();
            }
        }
        throw new IllegalStateException("no <" + name + "> in <" + element.getNodeName() + ">");
    }
}
