package io.vmpool.alert.mail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the mail alert sink (PID {@value #PID}): every default and limit lives here. */
@ObjectClassDefinition(id = MailAlertConfig.PID, name = "vmpool mail alerts",
        description = "Mails every health alert over SMTP")
public @interface MailAlertConfig {
    String PID = "io.vmpool.alert.mail";

    @AttributeDefinition(name = "SMTP host", description = "Host name or address of the SMTP server (required)")
    String host();

    @AttributeDefinition(name = "SMTP port", description = "25 (plain or STARTTLS), 587 (submission)")
    int port() default 25;

    @AttributeDefinition(name = "From", description = "Sender address, also the envelope sender (required)")
    String from();

    @AttributeDefinition(name = "To", description = "Recipient addresses, comma-separated (required)")
    String to();

    @AttributeDefinition(name = "Subject prefix", description = "Put before every subject")
    String subjectPrefix() default "[vmpool]";

    @AttributeDefinition(name = "User name", description = "SMTP AUTH user name; empty: no authentication")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "SMTP AUTH password; required when a user name is set")
    String password() default "";

    @AttributeDefinition(name = "STARTTLS", description = "none: never; optional: when the server offers it; "
            + "required: refuse to send without it", options = {
                    @Option(label = "none", value = "none"), @Option(label = "optional", value = "optional"),
                    @Option(label = "required", value = "required")})
    String startTls() default "optional";

    @AttributeDefinition(name = "Connect timeout (ms)", description = "Longest wait for the TCP connection")
    int connectTimeoutMillis() default 10000;

    @AttributeDefinition(name = "Timeout (ms)", description = "Longest wait for one server reply or write")
    int timeoutMillis() default 30000;

    @AttributeDefinition(name = "Largest queue", description = "Alerts waiting to be mailed at most; when full "
            + "the oldest is dropped, and the next mail says how many were")
    int maxQueuedAlerts() default 100;

    @AttributeDefinition(name = "Retries", description = "Further attempts after a failed send (0: none)")
    int retries() default 3;

    @AttributeDefinition(name = "Retry delay (ms)", description = "Wait between two attempts at one mail")
    long retryDelayMillis() default 60000;
}
