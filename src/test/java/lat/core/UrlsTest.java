package lat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // credentials before the host
                "https://user:secret@host/x                      | https://***@host/x",
                "https://user@host/x                             | https://***@host/x",
                "s3a://AKIAEXAMPLE:wJalrK7MDENG@bucket/mnist     | s3a://***@bucket/mnist",
                "http://u:p@ss@127.0.0.1:8080/mnist/             | http://***@127.0.0.1:8080/mnist/",
                "hdfs://user@namenode:8020                       | hdfs://***@namenode:8020",
                // secrets in the query string
                "https://b.s3.amazonaws.com/t.gz?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKIA%2F1&X-Amz-Signature=ab12 "
                        + "| https://b.s3.amazonaws.com/t.gz?X-Amz-Algorithm=AWS4&X-Amz-Credential=***&X-Amz-Signature=***",
                "https://host/f?token=abc&name=x                 | https://host/f?token=***&name=x",
                "https://host/f?name=x&access_token=abc#top      | https://host/f?name=x&access_token=***#top",
                "https://host/f?API_KEY=abc                      | https://host/f?API_KEY=***",
                // nothing to hide
                "https://host/path@v2/x                          | https://host/path@v2/x",
                "https://ossci-datasets.s3.amazonaws.com/mnist/  | https://ossci-datasets.s3.amazonaws.com/mnist/",
                "file:///tmp/a@b/c                               | file:///tmp/a@b/c",
                "data/mnist                                      | data/mnist",
                "name=x&token=y without a URL                    | name=x&token=y without a URL",
                "user@example.org                                | user@example.org",
                // URLs inside a message, several at once
                "mirror http://a:b@h1/m/: HTTP 401 for http://a:b@h1/m/t.gz; s3a://K:S@bkt/ "
                        + "| mirror http://***@h1/m/: HTTP 401 for http://***@h1/m/t.gz; s3a://***@bkt/",
            })
    void hidesCredentials(String text, String expected) {
        assertEquals(expected, Urls.redact(text));
    }

    @Test
    void errorMessagesNeverCarryCredentials() {
        LatError error = new DataError("cannot read s3a://AKIAEXAMPLE:wJalrXUtnFEMI@bucket/mnist/t.gz: Forbidden");

        assertEquals("cannot read s3a://***@bucket/mnist/t.gz: Forbidden", error.getMessage());
    }

    @Test
    void nullStaysNull() {
        assertNull(Urls.redact(null));
    }
}
