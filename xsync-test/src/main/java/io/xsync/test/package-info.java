/**
 * Test support for synchronizer authors: a JUnit extension, a test synchronizer and a test store. Test-scope library; main code must not depend on it.
 */
package io.xsync.test;
