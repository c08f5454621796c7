package io.vmpool.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a mailbox over POP3 (RFC 1939: USER, PASS, STAT, RETR, QUIT), for tests in the container. */
final class Pop3Mailbox {
    private Pop3Mailbox() {
    }

    /** Every message in the mailbox, each as its raw text (headers and body, dot-stuffing undone). */
    static List<String> messages(int port, String user, String password) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
            expectOk(in.readLine());
            expectOk(command(in, out, "USER " + user));
            expectOk(command(in, out, "PASS " + password));
            String stat = command(in, out, "STAT");
            expectOk(stat);
            int count = Integer.parseInt(stat.split(" ")[1]);
            List<String> messages = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                expectOk(command(in, out, "RETR " + i));
                StringBuilder m = new StringBuilder();
                for (String line = in.readLine(); !".".equals(line); line = in.readLine()) {
                    m.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
                }
                messages.add(m.toString());
            }
            command(in, out, "QUIT");
            return messages;
        }
    }

    private static String command(BufferedReader in, Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
        return in.readLine();
    }

    private static void expectOk(String reply) {
        if (reply == null || !reply.startsWith("+OK")) {
            throw new IllegalStateException("POP3 server said: " + reply);
        }
    }
}
