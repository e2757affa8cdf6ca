package dev.callcoach.webapp.e2e;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What Chromium's fake microphone says: a WAV file it plays in a loop. Made from a sentence of speech
 * ({@code e2e/caller-speech.wav}: espeak-ng, "I worked two years as a barista.", as 24 kHz mono PCM16) with
 * silence before and after, so the caller speaks once per loop and the AI has time to talk in between.
 */
final class FakeMicrophone {

    private static final String SPEECH = "/e2e/caller-speech.wav";

    private FakeMicrophone() {
    }

    /**
     * Writes the loop to {@code file} and returns the Chromium flags that make it the microphone, the
     * permission prompt answered "allow" as a person would.
     */
    static List<String> flags(Path file, Duration before, Duration after) {
        write(file, before, after);
        return List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + file.toAbsolutePath());
    }

    private static void write(Path file, Duration before, Duration after) {
        try (AudioInputStream speech = open()) {
            AudioFormat format = speech.getFormat();
            int bytesPerMs = (int) (format.getFrameRate() * format.getFrameSize() / 1000);
            byte[] words = speech.readAllBytes();
            int lead = (int) before.toMillis() * bytesPerMs;
            byte[] loop = new byte[lead + words.length + (int) after.toMillis() * bytesPerMs];
            System.arraycopy(words, 0, loop, lead, words.length);
            Files.createDirectories(file.getParent());
            long frames = loop.length / format.getFrameSize();
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(loop), format, frames),
                    AudioFileFormat.Type.WAVE, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AudioInputStream open() throws IOException {
        InputStream resource = FakeMicrophone.class.getResourceAsStream(SPEECH);
        if (resource == null) {
            throw new IllegalStateException("test resource missing: " + SPEECH);
        }
        try {
            return AudioSystem.getAudioInputStream(new BufferedInputStream(resource));
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalStateException(SPEECH + " is not a WAV file Java can read", e);
        }
    }
}
