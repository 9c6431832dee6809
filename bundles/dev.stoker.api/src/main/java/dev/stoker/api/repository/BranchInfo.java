package dev.stoker.api.repository;

/** A branch and the commit it points at. */
public record BranchInfo(String name, String head) {
}
