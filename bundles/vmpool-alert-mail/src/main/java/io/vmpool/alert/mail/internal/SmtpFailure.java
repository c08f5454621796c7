package io.vmpool.alert.mail.internal;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** Says in one line why a send failed: the server's replies, or why it could not be reached. */
final class SmtpFailure {
    private SmtpFailure() {
    }

    static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null; t = next(t)) {
            String text = text(t);
            if (!text.isBlank() && parts.stream().noneMatch(p -> p.contains(text))) {
                parts.add(text);
            }
            if (parts.size() > 8) {
                break;
            }
        }
        return parts.isEmpty() ? failure.getClass().getName() : String.join("; ", parts);
    }

    private static String text(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        if (t instanceof SMTPSendFailedException || t instanceof SMTPAddressFailedException
                || t instanceof SMTPSenderFailedException) {
            return "server replied: " + message;
        }
        if (t instanceof MessagingException) {
            return message;
        }
        return message.isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + message;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
