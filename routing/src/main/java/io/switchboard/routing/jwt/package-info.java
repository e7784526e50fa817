/** JSON Web Tokens signed with HMAC, compatible with the tokens Scalelite writes. */
@NullMarked
package io.switchboard.routing.jwt;

import org.jspecify.annotations.NullMarked;
