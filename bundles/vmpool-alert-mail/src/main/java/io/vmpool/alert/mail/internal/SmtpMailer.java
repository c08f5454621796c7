package io.vmpool.alert.mail.internal;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.activation.DataHandler;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends one mail with Jakarta Mail's SMTP transport (Angus Mail). Used by one thread only, whose context
 * class loader must be {@link #providerLoader()}: that is how Jakarta Mail finds its implementation inside OSGi (README).
 */
final class SmtpMailer {
    private final MailSettings settings;
    private Session session; // made on the mail thread: Session's constructor looks up the implementation

    SmtpMailer(MailSettings settings) {
        this.settings = settings;
    }

    /** The class loader that sees Angus Mail's META-INF/services: the context class loader of the mail thread. */
    static ClassLoader providerLoader() {
        return SMTPTransport.class.getClassLoader();
    }

    /** Sends it, or throws with what the server said (or why it could not be reached). */
    void send(AlertMail mail) throws MessagingException {
        if (session == null) {
            session = Session.getInstance(properties(settings));
        }
        MimeMessage message = new MimeMessage(session);
        message.setFrom(settings.from());
        message.setRecipients(Message.RecipientType.TO, settings.to().toArray(new Address[0]));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        // A data source, not setText: setText needs a content handler from the activation mailcap registry,
        // which is in another bundle and not found through the context class loader in OSGi (README).
        message.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.body().getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=UTF-8")));
        message.saveChanges();
        try (Transport transport = session.getTransport("smtp")) {
            if (settings.authenticates()) {
                transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            } else {
                transport.connect(settings.host(), settings.port(), null, null);
            }
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private static Properties properties(MailSettings settings) {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", settings.host());
        props.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        props.setProperty("mail.smtp.from", settings.from().getAddress());
        props.setProperty("mail.smtp.connectiontimeout", Integer.toString(settings.connectTimeoutMillis()));
        props.setProperty("mail.smtp.timeout", Integer.toString(settings.timeoutMillis()));
        props.setProperty("mail.smtp.writetimeout", Integer.toString(settings.timeoutMillis()));
        props.setProperty("mail.smtp.auth", Boolean.toString(settings.authenticates()));
        props.setProperty("mail.smtp.auth.mechanisms", "PLAIN LOGIN"); // a password, nothing else (no XOAUTH2, NTLM)
        props.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.startTls() != StartTls.NONE));
        props.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.startTls() == StartTls.REQUIRED));
        props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        return props;
    }
}
