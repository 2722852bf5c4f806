package lat.core;

import java.util.regex.Pattern;

/**
 * Hides the credentials a URL may carry, so that lat never prints or records them: a user name and
 * password before the host ({@code s3a://KEY:SECRET@bucket/}, {@code https://user:token@mirror/})
 * and the values of query parameters that sign or authorise a request (presigned S3 URLs, tokens).
 */
public final class Urls {
    /** What stands in for a hidden part. */
    public static final String HIDDEN = "***";

    /** The user-information part: after {@code scheme://}, up to the last '@' before the path. */
    private static final Pattern USER_INFO = Pattern.compile("(\\b[A-Za-z][A-Za-z0-9+.-]*://)[^/?#\\s]*@");

    /** Query parameters whose values are secrets: AWS signatures and credentials, tokens, keys, passwords. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|sig|AWSAccessKeyId"
                    + "|[A-Za-z_-]*token|[A-Za-z_-]*key|password|passwd|secret|auth)=)[^&#\\s]*",
            Pattern.CASE_INSENSITIVE);

    private Urls() {}

    /**
     * {@code text} with the credentials of every URL in it replaced by {@value #HIDDEN}:
     * {@code "https://user:secret@host/x"} becomes {@code "https://***@host/x"}, and
     * {@code "...?X-Amz-Signature=abc"} becomes {@code "...?X-Amz-Signature=***"}. Text without URLs is
     * returned as it is, so any message or value may be passed.
     */
    public static String redact(String text) {
        if (text == null || !text.contains("://")) {
            return text;
        }
        String withoutUserInfo = USER_INFO.matcher(text).replaceAll("$1" + HIDDEN + "@");
        return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1" + HIDDEN);
    }
}
