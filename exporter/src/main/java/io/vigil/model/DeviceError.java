package io.vigil.model;

/** Error conditions a site server reports; the labels are the {@code error} label of {@code vigil_device_error_active}. */
public enum DeviceError {
  CAMERA_UNREACHABLE, DISK_FULL, MEDIA_DB_WRITE_FAILED, LICENSE_EXCEEDED, ARCHIVE_FAILED,
  ARCHIVE_MOVE_FAILED, DELETE_FAILED, FATAL_ARCHIVE_ERROR, OTHER;

  public String label() {
    return name().toLowerCase();
  }
}
