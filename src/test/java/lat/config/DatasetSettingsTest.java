package lat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Optional;
import lat.core.AttackKind;
import lat.core.ConfigError;
import lat.core.Dataset;
import lat.core.ModelKind;
import org.junit.jupiter.api.Test;

/** lat.data.dataset picks one entry of lat.data.datasets: its checksums and fetch sources, nothing else. */
class DatasetSettingsTest {

    private static Settings withOverride(String hocon) {
        return SettingsLoader.from(
                ConfigFactory.parseString(hocon).withFallback(SettingsLoaderTest.referenceWithoutEnvironment()));
    }

    @Test
    void theDefaultIsMnist() {
        assertEquals(Dataset.MNIST, withOverride("").data().dataset());
    }

    @Test
    void fashionMnistTakesItsOwnChecksumsAndSources() {
        DataSettings data = withOverride("lat.data.dataset = fashion-mnist").data();

        assertEquals(Dataset.FASHION_MNIST, data.dataset());
        // sha256sum of the decompressed files of Debian's dataset-fashion-mnist
        assertEquals(
                new DataSettings.Sha256(
                        "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                        "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                        "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                        "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
                data.sha256());
        assertEquals("/usr/share/datasets/fashion-mnist", data.fetch().packageDir());
        assertEquals(
                List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                data.fetch().mirrors());
        assertEquals("", data.fetch().npmPackage());
    }

    @Test
    void anotherDatasetsEntryIsNotRead() {
        // MNIST's sums changed, Fashion-MNIST selected: its own sums still apply
        DataSettings data = withOverride(
                        "lat.data { dataset = fashion-mnist, datasets.mnist.sha256.train-images = \"\" }")
                .data();
        assertEquals(
                "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                data.sha256().trainImages());
    }

    @Test
    void anUnknownDatasetNamesTheKeyTheValueAndTheAllowedNames() {
        ConfigError error = assertThrows(ConfigError.class, () -> withOverride("lat.data.dataset = cifar-10"));

        String message = error.getMessage();
        assertTrue(message.startsWith("invalid lat.data.dataset = \"cifar-10\""), message);
        assertTrue(message.contains("unknown dataset 'cifar-10'; allowed: mnist, fashion-mnist"), message);
        assertEquals(ConfigError.EXIT_CODE, error.exitCode());
    }

    @Test
    void aWrongSumOfTheSelectedDatasetNamesItsKey() {
        ConfigError error = assertThrows(
                ConfigError.class,
                () -> withOverride(
                        "lat.data { dataset = fashion-mnist, datasets.fashion-mnist.sha256.test-labels = x }"));

        assertTrue(
                error.getMessage().startsWith("invalid lat.data.datasets.fashion-mnist.sha256.test-labels = "),
                error.getMessage());
    }

    @Test
    void aDatasetLatDoesNotKnowCannotBeConfigured() {
        ConfigError error =
                assertThrows(ConfigError.class, () -> withOverride("lat.data.datasets.cifar-10.npm-package = \"\""));

        assertTrue(error.getMessage().contains("lat.data.datasets.cifar-10"), error.getMessage());
    }

    /** What issue 22 asks of the fashion profile: Fashion-MNIST at the literature's eps 0.1, the full grid. */
    @Test
    void fashionConfIsTheGridOnFashionMnistAtEpsilon01() {
        Settings settings = SettingsLoader.load(Optional.of("conf/fashion.conf"));

        assertEquals(Dataset.FASHION_MNIST, settings.data().dataset());
        assertEquals(0.1, settings.attack().epsilon());
        assertEquals(List.of(0.1), settings.evaluate().epsilons());
        assertEquals(List.of(ModelKind.values()), settings.train().models());
        assertEquals(List.of(AttackKind.values()), settings.evaluate().attacks());
        assertEquals(60_000, settings.data().trainExamples());
        assertTrue(settings.evaluate().examples() >= 1000);
        assertTrue(settings.evaluate().pgd().steps() >= 40);
    }
}
