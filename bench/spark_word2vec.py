# Role: the Spark MLlib side of bench/spark.sh: pyspark.ml.feature.Word2Vec (skip-gram, hierarchical softmax)
# on a corpus on local[2], timed, its vectors exported as GloVe text for `embed analogy`.
# Usage: python spark_word2vec.py CORPUS_DIR OUT.txt --partitions N --iterations N [--min-count 5]
import argparse
import time

ap = argparse.ArgumentParser()
ap.add_argument("corpus")
ap.add_argument("output")
ap.add_argument("--partitions", type=int, default=1)
ap.add_argument("--iterations", type=int, default=1)
ap.add_argument("--min-count", type=int, default=5)
ap.add_argument("--master", default="local[2]")
args = ap.parse_args()

from pyspark.sql import SparkSession
from pyspark.ml.feature import Word2Vec

spark = (SparkSession.builder.master(args.master).appName("mllib-word2vec")
         .config("spark.driver.memory", "3g").config("spark.ui.showConsoleProgress", "false").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
lines = spark.read.text(args.corpus)
docs = lines.selectExpr("split(value, ' ') as words").cache()
docs.count()
t0 = time.time()
w2v = Word2Vec(vectorSize=100, windowSize=5, minCount=args.min_count, numPartitions=args.partitions,
               maxIter=args.iterations, seed=1, inputCol="words", outputCol="v")
model = w2v.fit(docs)
seconds = time.time() - t0
# Rows most frequent first (embed analogy --restrict takes the first rows), as word2vec writes them.
counts = {}
for row in docs.rdd.flatMap(lambda r: r.words).map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b).collect():
    counts[row[0]] = row[1]
vectors = model.getVectors().collect()
vectors.sort(key=lambda r: (-counts.get(r.word, 0), r.word))
with open(args.output, "w") as f:
    for r in vectors:
        f.write(r.word + " " + " ".join("%.6g" % x for x in r.vector.toArray()) + "\n")
print("mllib_word2vec_seconds %.1f words %d" % (seconds, len(vectors)))
spark.stop()
