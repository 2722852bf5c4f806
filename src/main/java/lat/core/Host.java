package lat.core;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine, as lat names it in its records (executor statistics, run locks). */
public final class Host {
    private Host() {}

    /** The host name, or "unknown-host" where it cannot be resolved. */
    public static String name() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
