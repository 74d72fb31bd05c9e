// The backup rules the library ships (android/src/main/res/xml) exclude every SharedPreferences
// file of the plugin that holds notification text (project names), in the Auto Backup rules of
// Android 6-11 and in both sections of Android 12+'s, and only exclude (an <include> would turn
// off the backup of the app's other data). That the app's manifest points at them is the app's
// step (docs/integration-timesafari.md); that Android honours them is the platform's.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

public class BackupRulesTest {

    /** The preferences files that hold display text: the composed content and the last shown. */
    private static final String[] TEXT_PREFERENCES = { NotificationContentStore.PREFERENCES, NotificationPoster.PREFERENCES };

    private static Element root(String name) throws Exception {
        File file = new File(System.getProperty("dnp.test.repo"), "android/src/main/res/xml/" + name);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file);
        return doc.getDocumentElement();
    }

    /** The sharedpref paths excluded directly under {@code section}; fails on any include. */
    private static Set<String> excludedPreferences(Element section) {
        Set<String> paths = new HashSet<>();
        NodeList children = section.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            Element e = (Element) n;
            assertEquals("only <exclude> rules: an <include> would stop the app's other backups", "exclude", e.getTagName());
            if ("sharedpref".equals(e.getAttribute("domain"))) {
                paths.add(e.getAttribute("path"));
            }
        }
        return paths;
    }

    private static void assertExcludesTextPreferences(String where, Set<String> excluded) {
        for (String prefs : TEXT_PREFERENCES) {
            assertTrue(where + " excludes " + prefs + ".xml", excluded.contains(prefs + ".xml"));
        }
    }

    @Test
    public void auto_backup_rules_for_android_6_to_11_exclude_the_preferences_holding_project_names() throws Exception {
        Element rules = root("dnp_backup_rules.xml");
        assertEquals("full-backup-content", rules.getTagName());
        assertExcludesTextPreferences("full-backup-content", excludedPreferences(rules));
    }

    @Test
    public void data_extraction_rules_for_android_12_exclude_them_from_cloud_backup_and_device_transfer() throws Exception {
        Element rules = root("dnp_data_extraction_rules.xml");
        assertEquals("data-extraction-rules", rules.getTagName());
        List<String> sections = new ArrayList<>();
        NodeList children = rules.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                Element section = (Element) children.item(i);
                sections.add(section.getTagName());
                assertExcludesTextPreferences(section.getTagName(), excludedPreferences(section));
            }
        }
        assertTrue(sections.contains("cloud-backup"));
        assertTrue(sections.contains("device-transfer"));
    }
}
