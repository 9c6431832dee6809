package dev.stoker.repository.internal;

import dev.stoker.api.common.InvalidInputException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which mirror URLs Stoker may reach: {@code https://} and {@code ssh://} to public hosts; {@code http://} only
 * when the admin allows it and never with a secret; hosts that are or resolve to loopback, unspecified,
 * link-local (169.254/16 with the cloud metadata address, fe80::/10), private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), shared (100.64/10) or multicast addresses only when the admin's allow-list names the host or a
 * range holding its address. The URL's parts are checked so that none can be read as an option by a Git
 * transport ({@code ssh://-oProxyCommand=…}, {@code --upload-pack}) and no other transport is chosen
 * ({@code ext::}, {@code file://}, local paths, scp-like {@code host:path}).
 *
 * <p>Checked when the remote is set and again before each push or pull (a name may resolve elsewhere later).
 *
 * @param allowHttp whether plain {@code http://} remotes are allowed (without secret)
 * @param allowedHosts host names, addresses and CIDR ranges that may be private
 */
record RemotePolicy(boolean allowHttp, List<String> allowedHosts) {
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");
  private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9._~%+@=,-]*)+");

  /** No http, no private hosts: what an admin gets without configuration. */
  static final RemotePolicy STRICT = new RemotePolicy(false, List.of());

  RemotePolicy {
    allowedHosts = allowedHosts.stream().map(String::strip).filter(h -> !h.isEmpty())
        .map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  /** @param hosts the comma-separated allow-list of the configuration */
  static RemotePolicy of(boolean allowHttp, String hosts) {
    return new RemotePolicy(allowHttp, hosts == null ? List.of() : Arrays.asList(hosts.split(",")));
  }

  /**
   * @param url the mirror URL
   * @param withSecret whether a secret (token or key) will be sent to it
   * @throws InvalidInputException for {@code url} when Stoker may not reach it
   */
  void check(String url, boolean withSecret) {
    if (url == null || url.isBlank()) {
      throw bad("required");
    }
    if (url.length() > 2000 || url.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '\\')) {
      throw bad("no spaces, control characters or backslashes");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw bad("not a URL; use https://host/path or ssh://user@host/path");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "https", "ssh" -> {
      }
      case "http" -> {
        if (!allowHttp) {
          throw bad("use https:// or ssh://; http:// remotes are off (allowHttpRemotes in "
              + "etc/dev.stoker.repository.cfg)");
        }
        if (withSecret) {
          throw bad("an http:// remote never gets a secret; use https://");
        }
      }
      default -> throw bad("use https://host/path or ssh://user@host/path");
    }
    if (uri.isOpaque() || uri.getRawAuthority() == null) {
      throw bad("use https://host/path or ssh://user@host/path");
    }
    String user = uri.getRawUserInfo();
    if (user != null && (!scheme.equals("ssh") || !USER.matcher(user).matches())) {
      throw bad(scheme.equals("ssh") && !user.contains(":") ? "the SSH user name must be plain (letters, digits, "
          + "'.', '_', '-')" : "no credentials in the URL; name a secret instead");
    }
    String host = uri.getHost();
    if (host == null) {
      throw bad("no host (or a host name that is not plain)");
    }
    boolean literal = host.startsWith("[");
    if (!literal && !HOST_NAME.matcher(host).matches()) {
      throw bad("host '" + host + "' is not a plain host name");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw bad("no query or fragment");
    }
    String path = uri.getRawPath();
    if (path == null || path.length() < 2 || !SAFE_PATH.matcher(path).matches() || path.contains("/-")
        || path.contains("/../") || path.endsWith("/..")) {
      throw bad("the path must be a plain repository path such as /team/project.git");
    }
    checkHost(host, literal);
  }

  /** Refuses a host that is, or resolves to, an address outside the public internet unless allowed. */
  private void checkHost(String host, boolean literal) {
    String bare = literal ? host.substring(1, host.length() - 1) : host;
    String name = bare.toLowerCase(Locale.ROOT);
    if (allowedHosts.contains(name)) {
      return;
    }
    InetAddress[] addresses;
    try {
      // Digits-only names (2130706433) and short forms (127.1) are addresses to some resolvers: take them as such.
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      throw bad("host '" + host + "' does not resolve");
    }
    for (InetAddress a : addresses) {
      if (!isPublic(a) && !allowed(a)) {
        throw bad("host '" + host + "' is a loopback, link-local, private or otherwise internal address; an admin "
            + "can allow it in remoteAllowedHosts of etc/dev.stoker.repository.cfg");
      }
    }
  }

  private boolean allowed(InetAddress a) {
    for (String entry : allowedHosts) {
      if (inRange(a, entry)) {
        return true;
      }
    }
    return false;
  }

  /** @return whether an address is in an allow-list entry: an address or a CIDR range (a name never matches) */
  static boolean inRange(InetAddress a, String entry) {
    int slash = entry.indexOf('/');
    String base = slash < 0 ? entry : entry.substring(0, slash);
    if (!base.matches("[0-9a-fA-F:.]+") || !base.contains(".") && !base.contains(":")) {
      return false;
    }
    try {
      byte[] range = InetAddress.getByName(base).getAddress();
      byte[] addr = a.getAddress();
      if (range.length != addr.length) {
        return false;
      }
      int bits = slash < 0 ? addr.length * 8 : Integer.parseInt(entry.substring(slash + 1));
      if (bits < 0 || bits > addr.length * 8) {
        return false;
      }
      BigInteger mask = bits == 0 ? BigInteger.ZERO
          : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(addr.length * 8 - bits);
      return new BigInteger(1, range).and(mask).equals(new BigInteger(1, addr).and(mask));
    } catch (UnknownHostException | NumberFormatException e) {
      return false;
    }
  }

  /** @return whether an address belongs to the public internet */
  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 // "this network"
          && !(first == 100 && second >= 64 && second < 128) // shared address space, e.g. Alibaba's metadata
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          && !(first == 198 && (second == 18 || second == 19)) // benchmarking
          && first < 240; // reserved and broadcast
    }
    // IPv6: unique local fc00::/7 (holds AWS's fd00:ec2::254), IPv4-mapped and -compatible forms.
    if ((b[0] & 0xfe) == 0xfc) {
      return false;
    }
    boolean zeroPrefix = true;
    for (int i = 0; i < 10; i++) {
      zeroPrefix &= b[i] == 0;
    }
    if (zeroPrefix && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
      try {
        return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return true;
  }

  private static InvalidInputException bad(String detail) {
    return new InvalidInputException("url", detail);
  }
}
