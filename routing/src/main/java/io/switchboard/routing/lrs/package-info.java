/**
 * The LRS (xAPI) payload a tenant's creates carry to bbb-webhooks (spec §11.5): the tenant's learning record store
 * credentials as JSON, encrypted with the BBB server's secret. Pure: fetching a Keycloak token is the caller's.
 */
@NullMarked
package io.switchboard.routing.lrs;

import org.jspecify.annotations.NullMarked;
