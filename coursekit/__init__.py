"""Helpers shared by the chapters of the Russia and Central Asia module."""
