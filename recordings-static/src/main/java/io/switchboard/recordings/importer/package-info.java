/** Recording import (spec §9.6, §9.7, §14.3): safe tar extraction, spool watcher, shared-volume discovery, rebuild. */
@NullMarked
package io.switchboard.recordings.importer;

import org.jspecify.annotations.NullMarked;
