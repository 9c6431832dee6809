package dev.stoker.ignition.emulator.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI, run synchronously; container tests need nothing more and stay free of extra libraries. */
final class Docker {

    /** Exit code and combined output of one docker command. */
    record Result(int exitCode, String output) {
        String trimmed() {
            return output.strip();
        }
    }

    private final List<String> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("docker command timed out: " + command);
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run docker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Result checked(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + result.output());
        }
        return result;
    }

    /** Remembers a container name so {@link #cleanUp()} removes it. */
    String container(String name) {
        containers.add(name);
        return name;
    }

    String volume(String name) {
        volumes.add(name);
        return name;
    }

    /** The host address ("127.0.0.1:32770") published for the container's port 8088. */
    String httpAddress(String container) {
        return checked("port", container, "8088/tcp").trimmed().lines().findFirst().orElseThrow();
    }

    void cleanUp() {
        for (String container : containers) {
            run("rm", "-f", container);
        }
        for (String volume : volumes) {
            run("volume", "rm", "-f", volume);
        }
    }
}
