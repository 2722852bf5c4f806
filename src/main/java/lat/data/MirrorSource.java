package lat.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import lat.core.Urls;

/** An HTTP(S) mirror serving {@code <base URL><name>.gz}. */
final class MirrorSource implements FetchSource {
    private final String baseUrl;
    private final HttpClient client;
    private final Duration timeout;

    MirrorSource(String baseUrl, HttpClient client, Duration timeout) {
        this.baseUrl = baseUrl;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "mirror " + Urls.redact(baseUrl);
    }

    @Override
    public InputStream open(MnistFile file) throws IOException {
        URI uri = URI.create(baseUrl + file.gzName());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading " + Urls.redact(uri.toString()));
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP status " + response.statusCode() + " for " + Urls.redact(uri.toString()));
        }
        return response.body();
    }
}
