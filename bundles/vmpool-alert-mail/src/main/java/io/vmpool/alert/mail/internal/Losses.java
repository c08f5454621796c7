package io.vmpool.alert.mail.internal;

/** Alerts that were not mailed: dropped from a full queue, or given up after every retry failed. */
record Losses(long dropped, long givenUp, int maxQueuedAlerts, int retries) {

    boolean none() {
        return dropped == 0 && givenUp == 0;
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        if (dropped > 0) {
            text.append(dropped).append(dropped == 1 ? " alert was" : " alerts were")
                    .append(" dropped before this mail: the queue was full (maxQueuedAlerts = ").append(maxQueuedAlerts)
                    .append(" in ").append(MailAlertConfig.PID).append("); the oldest waiting alert goes first.");
        }
        if (givenUp > 0) {
            if (text.length() > 0) {
                text.append("\r\n");
            }
            text.append(givenUp).append(givenUp == 1 ? " alert was" : " alerts were")
                    .append(" not delivered: the SMTP server refused or could not be reached on every attempt (retries = ")
                    .append(retries).append(" in ").append(MailAlertConfig.PID).append("); see the log.");
        }
        return text.toString();
    }
}
