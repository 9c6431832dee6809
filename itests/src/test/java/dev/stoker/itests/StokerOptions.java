package dev.stoker.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The Pax Exam configuration every suite starts the assembled distribution with: Stoker's boot stages, every
 * port on a free one (distinct from each other), plain HTTP, and the system properties the tests read
 * inside Karaf ({@code stoker.itest.port}, {@code stoker.itest.version}, {@code stoker.broker.port}).
 */
final class StokerOptions {
  private StokerOptions() {
  }

  /** @return the distribution's options followed by a suite's own */
  static Option[] distribution(Option... extra) throws IOException {
    String version = System.getProperty("stoker.version");
    String featureVersion = version.replace('-', '.');
    int[] ports = freePorts(5);
    int http = ports[0];
    int broker = ports[1];
    List<Option> options = new ArrayList<>(List.of(
        karafDistributionConfiguration()
            .frameworkUrl(maven("dev.stoker", "stoker").type("tar.gz").version(version))
            .unpackDirectory(new File("target/exam")).useDeployFolder(false).name("Stoker"),
        configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
        // keep target/exam/<id> (its data/log/karaf.log): a container that never comes up can then be examined
        keepRuntimeFolder(),
        // Pax Exam appends its own features (exam, test-dependencies) to Stoker's boot stage; installed
        // together they make Karaf refresh bundles after the Artemis broker started, which breaks it. Give
        // them a stage of their own, after Stoker's (the probe needs Stoker's packages when it starts).
        editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBoot",
            "(standard, scr, eventadmin, stoker-boot-base/" + featureVersion + ", wrap), (stoker-adapter-ignition/"
                + featureVersion + ", framework/" + System.getProperty("karaf.version") + ", stoker/" + featureVersion
                + "), (exam, test-dependencies)"),
        logLevel(LogLevel.WARN),
        editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(http)),
        // Pax Exam starts Karaf without bin/setenv, which makes the self-signed HTTPS keystore: plain HTTP here
        editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.secure.enabled", "false"),
        editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(ports[2])),
        editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(ports[3])),
        editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(ports[4])),
        systemProperty("stoker.itest.port").value(String.valueOf(http)),
        // the tests run inside Karaf, where the build's system properties are not set
        systemProperty("stoker.itest.version").value(version),
        // the embedded broker on a free port, so that a suite can run beside another Stoker
        systemProperty("stoker.broker.port").value(String.valueOf(broker)),
        editConfigurationFilePut("etc/dev.stoker.queue.cfg", "brokerUrl", "tcp://127.0.0.1:" + broker),
        editConfigurationFilePut("etc/dev.stoker.integrations.cfg", "brokerUrl", "tcp://127.0.0.1:" + broker),
        // boot takes ~25 s on an idle 2-core machine; leave room for a busy CI machine
        systemTimeout(600_000)));
    options.addAll(Arrays.asList(extra));
    return options.toArray(Option[]::new);
  }

  /** @return a port free now */
  static int freePort() throws IOException {
    return freePorts(1)[0];
  }

  /** Distinct free ports: every socket stays open until all are chosen, so none is handed out twice. */
  static int[] freePorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
  }
}
