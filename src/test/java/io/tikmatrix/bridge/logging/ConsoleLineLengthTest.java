package io.tikmatrix.bridge.logging;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The product's console (src/main/resources/log4j2.xml): no INFO line longer than a screen, DEBUG whole. */
class ConsoleLineLengthTest {

    private static final int PREFIX = "04:05:13.388 INFO  ReceiptWriter        ".length();

    @Test
    void aLongMessageIsCutAtInfoButNotAtDebug() throws Exception {
        Layout<?> console = productConsoleLayout();
        String wide = "orders.csv row 2: script_config fields " + "[column_x, ".repeat(500);

        String info = line(console, Level.INFO, wide);
        String debug = line(console, Level.DEBUG, wide);

        assertThat(info.strip()).hasSizeLessThanOrEqualTo(PREFIX + 200 + "...".length()).endsWith("...")
                .contains("orders.csv row 2: script_config fields");
        assertThat(debug.strip()).endsWith(wide.strip());
    }

    private static String line(Layout<?> layout, Level level, String message) {
        return new String(layout.toByteArray(Log4jLogEvent.newBuilder().setLoggerName("io.tikmatrix.bridge.inbox.ReceiptWriter")
                .setLevel(level).setMessage(new SimpleMessage(message)).build()));
    }

    private static Layout<?> productConsoleLayout() throws Exception {
        try (InputStream xml = ConsoleLineLengthTest.class.getClassLoader().getResourceAsStream("log4j2.xml")) {
            Configuration config = new XmlConfiguration(new LoggerContext("product-console"), new ConfigurationSource(xml));
            config.initialize();
            return config.getAppender("console").getLayout();
        }
    }
}
