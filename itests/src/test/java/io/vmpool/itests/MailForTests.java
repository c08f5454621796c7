package io.vmpool.itests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;

/**
 * A real SMTP server, with POP3 to read what it received, in the test driver's JVM on 127.0.0.1
 * (GreenMail): vmpool in the container mails its alerts to it, the test in the container reads them
 * back over POP3. Only the driver side touches this class.
 */
final class MailForTests {
    static final String USER = "admins@example.org";
    static final String LOGIN = "admins";
    static final String PASSWORD = "admins-pw";
    private static GreenMail server;
    private static int smtp;
    private static int pop3;

    private MailForTests() {
    }

    static synchronized int smtpPort() {
        start();
        return smtp;
    }

    static synchronized int pop3Port() {
        start();
        return pop3;
    }

    private static void start() {
        if (server != null) {
            return;
        }
        smtp = freePort();
        pop3 = freePort();
        server = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(pop3, "127.0.0.1", ServerSetup.PROTOCOL_POP3)});
        server.setUser(USER, LOGIN, PASSWORD);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
