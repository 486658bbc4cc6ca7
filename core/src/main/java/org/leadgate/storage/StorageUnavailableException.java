package org.leadgate.storage;

/** The database could not be reached or did not commit in time; nothing was acknowledged. */
public final class StorageUnavailableException extends RuntimeException {
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
