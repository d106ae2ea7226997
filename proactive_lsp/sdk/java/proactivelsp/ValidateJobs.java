/*
 * Validates ProActive job XML files with ProActive's own code, in the order the
 * scheduler uses: JobFactory.createJob (Relax-NG schema, StAX parse, dependency
 * resolution), then FlowChecker.validate.
 *
 * Usage: ValidateJobs [PATH...]
 *   With arguments, validates each path. Without, reads one path per line from
 *   stdin until EOF and answers each line as soon as it is read, so one JVM can
 *   serve a whole test run or a long-lived session.
 *
 * Output: one JSON object per line on stdout, in input order:
 *   {"path": str, "valid": bool, "stage": "parse"|"flow"|null,
 *    "message": str|null, "task": str|null}
 * Nothing else is written to stdout: libraries that print are sent to stderr.
 */
package proactivelsp;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.log4j.BasicConfigurator;
import org.apache.log4j.Level;
import org.apache.log4j.LogManager;
import org.apache.log4j.varia.NullAppender;
import org.ow2.proactive.scheduler.common.exception.JobCreationException;
import org.ow2.proactive.scheduler.common.job.Job;
import org.ow2.proactive.scheduler.common.job.TaskFlowJob;
import org.ow2.proactive.scheduler.common.job.factories.FlowChecker;
import org.ow2.proactive.scheduler.common.job.factories.FlowError;
import org.ow2.proactive.scheduler.common.job.factories.JobFactory;
import org.xml.sax.SAXParseException;

public final class ValidateJobs {

    private ValidateJobs() {
    }

    public static void main(String[] args) throws IOException {
        // Keep stdout for our JSON lines only; ProActive and Xerces may print.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
        System.setOut(System.err);
        silenceLog4j();

        if (args.length > 0) {
            for (String path : args) {
                out.println(validate(path).toJson());
            }
            out.flush();
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                continue;
            }
            out.println(validate(line).toJson());
            // Flush per answer: a long-lived client waits for each line.
            out.flush();
        }
    }

    /** Without this, log4j 1.2 warns about missing appenders on stderr at every start. */
    private static void silenceLog4j() {
        BasicConfigurator.configure(new NullAppender());
        LogManager.getRootLogger().setLevel(Level.OFF);
    }

    static Verdict validate(String rawPath) {
        // createJob needs an absolute path (a relative one ends in a NullPointerException).
        String path = new File(rawPath).getAbsolutePath();
        Job job;
        try {
            job = JobFactory.getFactory().createJob(path);
        } catch (Exception | LinkageError e) {
            return Verdict.invalid(rawPath, "parse", parseMessage(e), parseTask(e));
        }
        if (!(job instanceof TaskFlowJob)) {
            return Verdict.invalid(rawPath, "parse", "Not a task flow job: " + job.getClass().getName(), null);
        }
        FlowError error;
        try {
            error = FlowChecker.validate((TaskFlowJob) job);
        } catch (RuntimeException e) {
            return Verdict.invalid(rawPath, "flow", String.valueOf(e), null);
        }
        if (error != null) {
            return Verdict.invalid(rawPath, "flow", error.getMessage(), error.getTask());
        }
        return Verdict.valid(rawPath);
    }

    /**
     * The message ProActive's schema stage means, without its wrapping: the innermost
     * JobCreationException holds "[Uncompleted X: explanation\n]Error: msg at line L , column C."
     * around a SAXParseException whose message is the bare schema error.
     */
    static String parseMessage(Throwable e) {
        JobCreationException innermost = innermostCreationException(e);
        if (innermost == null) {
            return String.valueOf(deepestMessage(e));
        }
        String explanation = uncompletedExplanation(innermost.getShortMessage());
        if (explanation != null) {
            return explanation;
        }
        Throwable cause = innermost.getCause();
        if (cause instanceof SAXParseException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String shortMessage = innermost.getShortMessage();
        return shortMessage != null ? shortMessage : String.valueOf(deepestMessage(e));
    }

    /** "Uncompleted job: At least one task must be defined." gives the part after the colon. */
    private static String uncompletedExplanation(String shortMessage) {
        if (shortMessage == null || !shortMessage.startsWith("Uncompleted ")) {
            return null;
        }
        String first = shortMessage.split("\n", 2)[0];
        int colon = first.indexOf(": ");
        return colon < 0 ? null : first.substring(colon + 2);
    }

    static String parseTask(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JobCreationException) {
                String task = ((JobCreationException) t).getTaskName();
                if (task != null && !task.isEmpty()) {
                    return task;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static JobCreationException innermostCreationException(Throwable e) {
        JobCreationException found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JobCreationException) {
                found = (JobCreationException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return found;
    }

    private static String deepestMessage(Throwable e) {
        String message = e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message;
    }

    /** One answer; the JSON is written by hand so the tool needs no JSON library. */
    static final class Verdict {
        final String path;
        final boolean valid;
        final String stage;
        final String message;
        final String task;

        private Verdict(String path, boolean valid, String stage, String message, String task) {
            this.path = path;
            this.valid = valid;
            this.stage = stage;
            this.message = message;
            this.task = task;
        }

        static Verdict valid(String path) {
            return new Verdict(path, true, null, null, null);
        }

        static Verdict invalid(String path, String stage, String message, String task) {
            return new Verdict(path, false, stage, message, task);
        }

        String toJson() {
            return "{\"path\":" + quote(path) + ",\"valid\":" + valid + ",\"stage\":" + quote(stage) +
                   ",\"message\":" + quote(message) + ",\"task\":" + quote(task) + "}";
        }
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
