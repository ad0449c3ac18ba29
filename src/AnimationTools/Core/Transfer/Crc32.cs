namespace AnimationTools.Core.Transfer
{
    /// <summary>CRC-32 (IEEE 802.3, the zip checksum), slicing by 8 bytes; netstandard2.0 has none built in.</summary>
    public sealed class Crc32
    {
        static readonly uint[][] Tables = BuildTables();

        uint _state = 0xFFFFFFFFu;

        /// <summary>The checksum of the bytes appended so far.</summary>
        public uint Value => ~_state;

        public void Append(byte[] buffer, int offset, int count)
        {
            var crc = _state;
            var t = Tables;
            var i = offset;
            var end = offset + count;
            for (; end - i >= 8; i += 8)
            {
                var low = crc ^ (uint)(buffer[i] | buffer[i + 1] << 8 | buffer[i + 2] << 16 | buffer[i + 3] << 24);
                crc = t[7][low & 0xFF] ^ t[6][(low >> 8) & 0xFF] ^ t[5][(low >> 16) & 0xFF] ^ t[4][low >> 24]
                    ^ t[3][buffer[i + 4]] ^ t[2][buffer[i + 5]] ^ t[1][buffer[i + 6]] ^ t[0][buffer[i + 7]];
            }
            for (; i < end; i++)
            {
                crc = t[0][(crc ^ buffer[i]) & 0xFF] ^ (crc >> 8);
            }
            _state = crc;
        }

        static uint[][] BuildTables()
        {
            var tables = new uint[8][];
            for (var k = 0; k < 8; k++)
            {
                tables[k] = new uint[256];
            }
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var bit = 0; bit < 8; bit++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }
                tables[0][n] = c;
            }
            for (var n = 0; n < 256; n++)
            {
                for (var k = 1; k < 8; k++)
                {
                    tables[k][n] = tables[0][tables[k - 1][n] & 0xFF] ^ (tables[k - 1][n] >> 8);
                }
            }
            return tables;
        }
    }
}
