package dev.stoker.adapter.ignition.internal;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Text files line by line: unified diffs as git writes them, and a diff3-style three-way merge. */
final class TextMerge {
  private static final int CONTEXT_LINES = 3;
  private static final String NO_NEWLINE = "\n\\ No newline at end of file";

  private TextMerge() {
  }

  /** @return a unified diff with three lines of context, empty when the texts are equal ({@code null} = empty) */
  static String unifiedDiff(String oldName, String newName, String a, String b) {
    List<String> x = displayLines(a == null ? "" : a);
    List<String> y = displayLines(b == null ? "" : b);
    Patch<String> patch = DiffUtils.diff(x, y);
    if (patch.getDeltas().isEmpty()) {
      return "";
    }
    List<String> out = new ArrayList<>(UnifiedDiffUtils.generateUnifiedDiff(oldName, newName, x, patch,
        CONTEXT_LINES));
    // An empty side is line 0 in diff(1) and git ("@@ -0,0 +1,2 @@"); the library numbers it 1.
    if (x.isEmpty() || y.isEmpty()) {
      out.set(2, out.get(2).replace("-1,0 ", "-0,0 ").replace("+1,0 ", "+0,0 "));
    }
    return String.join("\n", out) + "\n";
  }

  /** Lines without their newline; a last line without one carries git's marker, so "x" and "x\n" differ. */
  private static List<String> displayLines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : lines(text)) {
      lines.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line + NO_NEWLINE);
    }
    return lines;
  }

  /**
   * Line-based three-way merge: both sides' changes to the base, applied together when no two of them overlap
   * or touch (identical changes count once).
   *
   * @return the merged text, or {@code null} on a conflict
   */
  static String merge(String base, String ours, String theirs) {
    List<String> lines = lines(base);
    List<AbstractDelta<String>> mine = DiffUtils.diff(lines, lines(ours)).getDeltas();
    List<AbstractDelta<String>> other = DiffUtils.diff(lines, lines(theirs)).getDeltas();
    List<AbstractDelta<String>> all = new ArrayList<>(mine);
    for (AbstractDelta<String> d : other) {
      boolean duplicate = false;
      for (AbstractDelta<String> e : mine) {
        if (sameEdit(d, e)) {
          duplicate = true;
        } else if (d.getSource().getPosition() <= end(e) && e.getSource().getPosition() <= end(d)) {
          return null;
        }
      }
      if (!duplicate) {
        all.add(d);
      }
    }
    all.sort(Comparator.comparingInt(d -> d.getSource().getPosition()));
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (AbstractDelta<String> d : all) {
      for (; next < d.getSource().getPosition(); next++) {
        out.append(lines.get(next));
      }
      d.getTarget().getLines().forEach(out::append);
      next = end(d);
    }
    for (; next < lines.size(); next++) {
      out.append(lines.get(next));
    }
    return out.toString();
  }

  private static int end(AbstractDelta<String> d) {
    return d.getSource().getPosition() + d.getSource().size();
  }

  private static boolean sameEdit(AbstractDelta<String> a, AbstractDelta<String> b) {
    return a.getSource().getPosition() == b.getSource().getPosition() && a.getSource().size() == b.getSource().size()
        && a.getTarget().getLines().equals(b.getTarget().getLines());
  }

  /** Lines with their line ends; the last one may have none. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }
}
