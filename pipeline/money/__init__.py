"""Money: the table of currencies and scale words, parsing money phrases, and the component that reads MONEY entities."""
