/** BBB API checksums: verifying what front-ends send and signing what Switchboard forwards (bbb-api §2, spec §3.3, §3.6). */
@NullMarked
package io.switchboard.routing.checksum;

import org.jspecify.annotations.NullMarked;
